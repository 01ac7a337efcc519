"""Japanese-language knowledge from offline data, for typing less at the counter (issue 17):
the readings (フリガナ) of names from the Sudachi dictionary (`readings`) and the address of a 郵便番号
from Japan Post's data (`postal`). A middle layer beside card/qr/rules/forms/store: it imports only the
standard library, its two data packages and nothing of kakanai but `model`; `app` composes it."""
