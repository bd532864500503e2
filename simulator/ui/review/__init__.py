"""Review: a playthrough looked back on. The debrief and its sections, scores, reflection, compare and a decision's detail, and past playthroughs."""
