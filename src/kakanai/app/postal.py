"""The new address from a 郵便番号 at the counter (issue 17, "Less typing"): kakanai.text.postal, for the
inputs step (kakanai.ui imports only kakanai.app and kakanai.model)."""

from kakanai.text.postal import (
    AddressChoice,
    PostalAddresses,
    PostalProblem,
    addresses_for_postal_code,
    looks_like_postal_code,
)

__all__ = ["AddressChoice", "PostalAddresses", "PostalProblem", "addresses_for_postal_code", "looks_like_postal_code"]
