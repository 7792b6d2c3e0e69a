"""The only package that imports spaCy: model loading, components and extraction of records."""
