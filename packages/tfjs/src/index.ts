// Filled in by its issue; see the package README.
export {};
