// Channels, budget and allowable CPA (issue 17): one import for the rest of the add-on.
export * from './budget';
export * from './check';
export * from './round';
