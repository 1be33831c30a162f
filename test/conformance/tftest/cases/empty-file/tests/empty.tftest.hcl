# nothing to run yet
