"""Activities: finding one that fits, signing up, and the provider's yes or no."""
