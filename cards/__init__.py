"""notecards: Markdown notes in, Anki flashcards out.

read (vault) -> parse -> extract -> merge -> export / listing; `pipeline.build` runs the first four,
`commands.export` the whole of `notecards export`.
"""

__version__ = "0.1.0"
