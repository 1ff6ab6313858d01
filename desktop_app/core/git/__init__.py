"""Git for editors, without Qt: the git process runner and repository facade, status, staging by post, branches, pull and push, history, remotes' errors and credential prompts."""
