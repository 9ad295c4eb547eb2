import './base.css';
import './notebook.css';
import './exports.css';
import './traceback.css';
