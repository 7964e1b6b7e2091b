const { src, dest } = require('gulp');

// tsc compiles the code; n8n also needs the icons beside the compiled nodes and credentials.
function buildIcons() {
	return src(['nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
