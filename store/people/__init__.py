"""People: persons, their roles and channel accounts, invites, /koppel codes, the merge."""
