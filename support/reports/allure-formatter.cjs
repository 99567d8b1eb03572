// Cucumber import()s a formatter by name, which loads allure-cucumberjs's ES build, whose writer option cannot
// load a writer from a file. Named by path, this file loads the CommonJS build, which can (see cucumber.mjs).
module.exports = require('allure-cucumberjs/reporter');
