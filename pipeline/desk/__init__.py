"""The editorial desk: editors correct and approve every sentence (store, memory
suggestions, exchange with CAT tools, and the web app)."""
