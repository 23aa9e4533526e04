print("sparse-coding")
