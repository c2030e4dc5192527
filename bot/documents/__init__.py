"""What every PDF of Wegwijs shares: the fonts it embeds (Noto subsets, shipped here)."""
