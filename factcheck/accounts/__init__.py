"""Accounts: throttled logins (`login`), hashed API tokens, and the credentials that end
when a password changes or an account is deactivated."""
