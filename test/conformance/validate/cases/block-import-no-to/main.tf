import {
  id = "x"
}
