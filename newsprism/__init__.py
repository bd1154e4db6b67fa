"""newsprism: many news reports of one event in, one verified and cited picture out."""

__version__ = "0.1.0"
