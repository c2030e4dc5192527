"""Activities: the catalogue, sign-ups (enrolments), search answers, unmet wishes, imports."""
