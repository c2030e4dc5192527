"""Help cases: who struggles, why, which coach helps (action 5 of the plan)."""
