print("plannerd")
