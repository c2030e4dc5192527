"""What the running program adds to people: invite codes with their Telegram link."""
