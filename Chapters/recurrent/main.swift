print("recurrent: work in progress")
