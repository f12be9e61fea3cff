"""Every MASH page's presenter: a typed object the view builds from selectors' rows, which the
template only composes into GOV.UK macros. Split by the names the services use."""
