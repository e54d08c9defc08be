"""article2md command line: a thin shell over the converters library."""
