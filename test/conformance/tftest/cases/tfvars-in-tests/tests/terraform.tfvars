region = "eu-west"
