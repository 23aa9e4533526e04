print("autoencoders")
