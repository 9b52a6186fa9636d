// Token counting worker (filled in by the token counter).
