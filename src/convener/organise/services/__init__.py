"""The organiser area's writes. Each goes through the owning app's services where it has them."""
