print("backprop: work in progress")
