"""One page per workflow step; each shows the ReceptionSession and drives it through its methods."""
