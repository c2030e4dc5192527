"""Staff broadcasts: the audience, the text's checks, what one recipient sees, reports, /stil."""
