"""Understanding free text: intents, places, interests and answers to choices."""
