"""newsroom: turn the articles editors collect into a published Hugo site."""

__version__ = "0.1.0"
