// attention: placeholder while the chapter is written.
import Attention
print("attention")
