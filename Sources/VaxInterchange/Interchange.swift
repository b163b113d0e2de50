// The interchange files of spec/interchange.md.
