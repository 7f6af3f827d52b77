import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machine is shared and the first render of a test app loads lazily.
configure({ asyncUtilTimeout: 5000 });
