"""People: onboarding, the help language, invitations that give a role, /koppel."""
