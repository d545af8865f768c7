"""Demo data for public interaction (filled in below)."""


def load(progress) -> None:
    return None
