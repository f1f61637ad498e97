"""Cards -> an Anki package, in five parts that depend one way:

- `notetypes`: the note types' fields, templates and CSS, and the deck ids (plain data);
- `html`: card text as sanitised HTML (Markdown rendering, cloze escaping);
- `media`: the files cards embed, found in the vault and packed;
- `fields`: a card's note fields and tags (what `--since` compares);
- `package`: writing the .apkg, the only module that knows genanki.

Nothing is imported here, so the listing and the filters can use `fields` without loading genanki.
"""
