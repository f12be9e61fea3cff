"""The person matching engine: features, comparisons, a Fellegi-Sunter model whose parameters
are estimated without labels, blocking keys, and batch linking (issue 7, in progress)."""
