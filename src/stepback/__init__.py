"""stepback: a decision-support quiz for IC, management, or a tour of duty."""

__version__ = "0.2.0"
