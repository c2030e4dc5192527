"""Help cases in the chat: noticing who needs a human, alerting a coach, talking through the bot."""
