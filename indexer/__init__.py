"""evidex indexer: extract -> split -> tag -> store."""
