//! Inventory: every declaration of the bound headers, bound or left out
//! with its reason. (Filled in by issue 8, part 5.)
