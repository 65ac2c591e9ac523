"""The application: assembles the API, the chat UI and the widget; the CLI and the worker supervisor."""
