"""evidex web search page (Flask application factory)."""
