"""A small vault of notes in several styles, written for the cache and parallel tests."""

from __future__ import annotations

from pathlib import Path

NOTES = {
    "Optimisation.md": "---\ntags: [ml]\n---\n# Optimisation\n\nGradient: the vector of partial derivatives.\n"
    "Momentum: a running average of past gradients that smooths each step.\n",
    "Courses/Week 1.md": "# Week 1\n\nLearning rate: how far each step of descent moves the weights.\n\n"
    "## Review questions\n\n- What does momentum smooth?\n    - the sequence of gradient steps\n",
    "Courses/Week 2.md": "# Week 2\n\nGradient: the direction of steepest ascent of a function.\n"
    "Overfitting: fitting the noise of the training set instead of its signal.\n",
    "Journal/2024-03-01.md": "Attendees: Dana, Lee\nTime: 09:30\n\n- [ ] read the paper on dropout\n",
    "Inbox/latin1.md": "Caf\xe9: a place where one drinks coffee and reads papers.\n",
    "Inbox/binary.md": "\x00\x01\x02",
    "Papers/Dropout.md": "# Dropout\n\nDropout: randomly zeroing activations while training a network.\n\n"
    "```python\nrate: float = 0.5\n```\n",
}


def write_vault(root: Path, copies: int = 1) -> Path:
    """The notes above under root, each `copies` times (in numbered folders)."""
    for i in range(copies):
        for name, text in NOTES.items():
            path = root / (f"set{i:02d}" if copies > 1 else "") / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("latin-1") if "latin1" in name else text.encode()
            path.write_bytes(data)
    return root
