"""Letters as PDF: WeasyPrint, our own fonts, a fetcher that loads nothing else, render slots."""
