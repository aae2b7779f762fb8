// --extern-post-js of the Node glue: closes the factory opened by node-factory-pre.js.
return Module;
};
