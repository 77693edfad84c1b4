// Exports something that is not an app.
export default { name: 'settings', port: 3000 };
