import './base.css';
import './notebook.css';
import './exports.css';
import './parameters.css';
import './editor.css';
import './traceback.css';
import './outputs.css';
import './magics.css';
