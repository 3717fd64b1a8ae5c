/** `npm run docs`: regenerates docs/requirements.md from the check definitions. */
import path from 'node:path';
import { packageRoot } from '../src/paths.js';
import { renderRequirementsMarkdown, REQUIREMENTS_DOC } from '../src/report/requirements-markdown.js';
import { writeAtomic } from '../src/report/write-atomic.js';

writeAtomic(path.join(packageRoot, REQUIREMENTS_DOC), await renderRequirementsMarkdown());
process.stdout.write(`wrote ${REQUIREMENTS_DOC}\n`);
